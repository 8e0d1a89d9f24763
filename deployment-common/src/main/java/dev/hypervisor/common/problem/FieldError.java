package dev.hypervisor.common.problem;

/** One failing field of a request ({@code "resources.cpu"}) and what is wrong with it. */
public record FieldError(String field, String message) {
}
