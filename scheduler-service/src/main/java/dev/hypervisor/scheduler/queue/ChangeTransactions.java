package dev.hypervisor.scheduler.queue;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;

/**
 * A change's transaction, begun and ended by hand on the change's own thread (pass threads and the Kafka door
 * have no request scope, which {@code QuarkusTransaction.begin} needs), with JTA's checked exceptions turned into
 * unchecked ones.
 */
final class ChangeTransactions {

    private final TransactionManager manager;

    ChangeTransactions(TransactionManager manager) {
        this.manager = manager;
    }

    void begin() {
        try {
            manager.begin();
        } catch (Exception e) {
            throw new IllegalStateException("could not begin a transaction: " + e.getMessage(), e);
        }
    }

    void commit() {
        try {
            manager.commit();
        } catch (Exception e) {
            throw new IllegalStateException("the change could not be committed: " + e.getMessage(), e);
        }
    }

    void rollbackIfActive() {
        try {
            if (manager.getStatus() != Status.STATUS_NO_TRANSACTION) {
                manager.rollback();
            }
        } catch (SystemException | IllegalStateException e) {
            throw new IllegalStateException("the change could not be rolled back: " + e.getMessage(), e);
        }
    }
}
