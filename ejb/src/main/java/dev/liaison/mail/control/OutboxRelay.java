package dev.liaison.mail.control;

import dev.liaison.platform.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drains the outbox: woken as soon as a transaction that stored mail commits, and every
 * {@code liaison.mail.sweep-interval-ms} (1 s) for mail that waits for a retry or was left by a
 * crash. One drain runs at a time on a node; nodes of a cluster share the work through claims.
 */
@Singleton
@Startup
@PermitAll
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final int BATCH = 50;

    @EJB
    Outbox outbox;

    @Resource
    ManagedScheduledExecutorService executor;

    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private ScheduledFuture<?> sweep;

    @PostConstruct
    void start() {
        long interval = Math.max(100, Settings.getInt("liaison.mail.sweep-interval-ms", 1000));
        sweep = executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }

    /** Asks for a drain soon, from any thread; returns at once. */
    public void wake() {
        again.set(true);
        if (!draining.get()) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        if (!draining.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        try {
            do {
                again.set(false);
                List<Long> due;
                do {
                    due = outbox.due(BATCH);
                    for (Long id : due) {
                        if (outbox.claim(id)) {
                            outbox.deliver(id);
                        }
                    }
                } while (due.size() == BATCH);
            } while (again.get());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending the outbox failed; the next sweep tries again", e);
        } finally {
            draining.set(false);
        }
    }
}
