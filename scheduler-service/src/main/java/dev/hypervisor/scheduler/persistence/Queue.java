package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.QueueQuota;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A queue of a cluster as stored (see {@code V6__queues.sql}). */
@Entity
@Table(name = "queues")
@IdClass(Queue.Key.class)
public class Queue {

    /** A queue's identity: its cluster and its name. */
    public static class Key implements Serializable {

        private UUID clusterId;
        private String name;

        public Key() {
            // for JPA
        }

        public Key(UUID clusterId, String name) {
            this.clusterId = clusterId;
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(clusterId, key.clusterId)
                    && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clusterId, name);
        }
    }

    @Id
    @Column(name = "cluster_id")
    private UUID clusterId;
    @Id
    private String name;
    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "cpuMillis", column = @Column(name = "quota_cpu_millis")),
            @AttributeOverride(name = "memoryBytes", column = @Column(name = "quota_memory_bytes")),
            @AttributeOverride(name = "gpu", column = @Column(name = "quota_gpu"))})
    private Amounts quota;
    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "cpuMillis", column = @Column(name = "borrow_cpu_millis")),
            @AttributeOverride(name = "memoryBytes", column = @Column(name = "borrow_memory_bytes")),
            @AttributeOverride(name = "gpu", column = @Column(name = "borrow_gpu"))})
    private Amounts borrowingLimit;
    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "cpuMillis", column = @Column(name = "lend_cpu_millis")),
            @AttributeOverride(name = "memoryBytes", column = @Column(name = "lend_memory_bytes")),
            @AttributeOverride(name = "gpu", column = @Column(name = "lend_gpu"))})
    private Amounts lendingLimit;
    private double weight;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<UUID> members;
    @Column(name = "is_default")
    private boolean isDefault;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Queue() {
        // for JPA
    }

    public Queue(UUID clusterId, String name, Instant now) {
        this.clusterId = clusterId;
        this.name = name;
        this.createdAt = now;
    }

    /** Takes these settings, all of them: a queue is replaced whole. */
    public void set(QueueQuota quota, List<UUID> members, boolean isDefault, Instant now) {
        this.quota = Amounts.of(quota.quota());
        this.borrowingLimit = Amounts.of(quota.borrowingLimit());
        this.lendingLimit = Amounts.of(quota.lendingLimit());
        this.weight = quota.weight();
        this.members = members.isEmpty() ? null : List.copyOf(members);
        this.isDefault = isDefault;
        this.updatedAt = now;
    }

    public UUID clusterId() {
        return clusterId;
    }

    public String name() {
        return name;
    }

    public QueueQuota quota() {
        return new QueueQuota(name, quota.resources(), resourcesOrNull(borrowingLimit),
                resourcesOrNull(lendingLimit), weight);
    }

    /** Who may submit to it; empty: everyone who may submit to the cluster. */
    public List<UUID> members() {
        return members == null ? List.of() : List.copyOf(members);
    }

    public boolean isDefault() {
        return isDefault;
    }

    private static Resources resourcesOrNull(Amounts amounts) {
        return amounts == null ? null : amounts.resources();
    }
}
