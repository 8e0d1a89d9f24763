package dev.hypervisor.cluster.inventory.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The filesystems a partition may have; written in lower case as people name them ({@code "ext4"}). */
public enum Filesystem {
    EXT4,
    XFS,
    BTRFS,
    ZFS,
    NTFS,
    FAT32,
    SWAP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The filesystem of that name, in any case; empty when there is none. */
    public static Optional<Filesystem> of(String text) {
        return Arrays.stream(values()).filter(filesystem -> filesystem.label().equalsIgnoreCase(text.strip()))
                .findFirst();
    }
}
