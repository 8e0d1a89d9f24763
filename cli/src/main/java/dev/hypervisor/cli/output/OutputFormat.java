package dev.hypervisor.cli.output;

/** How a command prints what it got: a table for people, or the API's JSON as it came for scripts. */
public enum OutputFormat {
    TABLE, JSON
}
