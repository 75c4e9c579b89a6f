package nl.regiopool.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import nl.regiopool.audit.PendingEvent;
import nl.regiopool.cao.ViolationCode;

/**
 * The product's own counters. Static, because they are counted deep in the domain (a placement's rule check,
 * a webhook attempt); every application in the JVM registers the same ones in its registry.
 */
public final class ProductMetrics {

    static final String PLACEMENT_CREATED = "placement.created";

    private static final Counter PLACEMENTS_CREATED = Counter.builder()
            .name("regiopool_placements_created")
            .help("Placements (loaned shifts) created, counted when their transaction commits")
            .build();
    private static final Counter RULE_VIOLATIONS = Counter.builder()
            .name("regiopool_rule_violations")
            .help("Broken working-time and agreement rules found when placing a shift, by rule code; outcome"
                    + " refused (the placement was answered 422) or overridden (a coop_admin placed it with a reason)")
            .labelNames("code", "outcome")
            .build();
    private static final Counter AUDIT_EVENTS = Counter.builder()
            .name("regiopool_audit_events_recorded")
            .help("Audit events written by committed transactions (the sealer chains them shortly after),"
                    + " counted when their transaction commits")
            .build();
    private static final Counter WEBHOOK_DELIVERY_FAILURES = Counter.builder()
            .name("regiopool_webhook_delivery_failures")
            .help("Webhook delivery attempts that failed (no 2xx answer, refused URL, timeout)")
            .build();

    private ProductMetrics() {
    }

    static {
        for (ViolationCode code : ViolationCode.values()) {
            for (String outcome : List.of("refused", "overridden")) {
                RULE_VIOLATIONS.initLabelValues(code.name(), outcome);
            }
        }
    }

    static void register(PrometheusRegistry registry) {
        registry.register(PLACEMENTS_CREATED);
        registry.register(RULE_VIOLATIONS);
        registry.register(AUDIT_EVENTS);
        registry.register(WEBHOOK_DELIVERY_FAILURES);
    }

    /** The audit events of a committed write. */
    public static void committed(List<PendingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        AUDIT_EVENTS.inc(events.size());
        for (PendingEvent event : events) {
            if (PLACEMENT_CREATED.equals(event.action())) {
                PLACEMENTS_CREATED.inc();
            }
        }
    }

    public static void ruleViolated(String code, String outcome) {
        RULE_VIOLATIONS.labelValues(code, outcome).inc();
    }

    public static void webhookDeliveryFailed() {
        WEBHOOK_DELIVERY_FAILURES.inc();
    }
}
