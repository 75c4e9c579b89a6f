package nl.regiopool.ops;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import nl.regiopool.audit.Sealer;
import nl.regiopool.write.JobRuns;
import org.apache.tomcat.jdbc.pool.DataSourceProxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The application's Prometheus registry: requests, JVM, connection pool, background jobs and the product. */
public final class Metrics {

    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RequestMetrics requests = new RequestMetrics();

    public Metrics() {
        JvmMetrics.builder().register(registry);
        ProductMetrics.register(registry);
        registry.register(requests.histogram());
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The servlet filter that times application requests. */
    public RequestMetrics requests() {
        return requests;
    }

    /** Gauges of the application's connection pool. */
    public void connectionPool(DataSourceProxy pool) {
        registry.register(GaugeWithCallback.builder()
                .name("regiopool_db_pool_connections")
                .help("Connections of the application's database pool, by state")
                .labelNames("state")
                .callback(gauge -> {
                    gauge.call(pool.getNumActive(), "active");
                    gauge.call(pool.getNumIdle(), "idle");
                })
                .build());
        registry.register(GaugeWithCallback.builder()
                .name("regiopool_db_pool_max_connections")
                .help("The most connections the application's database pool opens")
                .callback(gauge -> gauge.call(pool.getMaxActive()))
                .build());
        registry.register(GaugeWithCallback.builder()
                .name("regiopool_db_pool_waiting_threads")
                .help("Requests waiting for a free pooled connection")
                .callback(gauge -> gauge.call(pool.getWaitCount()))
                .build());
    }

    /** Runs, failures and the last success of each background job. */
    public void jobs(List<JobRuns> jobs) {
        registry.register(CounterWithCallback.builder()
                .name("regiopool_job_runs")
                .help("Passes a background job ran on this node")
                .labelNames("job")
                .callback(counter -> jobs.forEach(job -> counter.call(job.runs(), job.name())))
                .build());
        registry.register(CounterWithCallback.builder()
                .name("regiopool_job_failures")
                .help("Passes of a background job that failed on this node (the next pass retries)")
                .labelNames("job")
                .callback(counter -> jobs.forEach(job -> counter.call(job.failures(), job.name())))
                .build());
        registry.register(GaugeWithCallback.builder()
                .name("regiopool_job_last_success_timestamp_seconds")
                .help("When a background job last finished a pass without failing on this node")
                .labelNames("job")
                .callback(gauge -> jobs.forEach(job -> job.lastSuccess().ifPresent(at ->
                        gauge.call(at.toEpochMilli() / 1000.0, job.name()))))
                .build());
    }

    /** The webhook deliveries waiting to be sent, counted in the database at each scrape. */
    public void webhookQueue(LongSupplier depth) {
        registry.register(GaugeWithCallback.builder()
                .name("regiopool_webhook_queue_depth")
                .help("Webhook deliveries waiting to be sent or retried, over every cooperative")
                .callback(gauge -> {
                    try {
                        gauge.call(depth.getAsLong());
                    } catch (RuntimeException e) {
                        LOG.warn("The webhook queue depth could not be counted: {}", e.getMessage());
                    }
                })
                .build());
    }

    /** The sealer: events it sealed on this node, and what waits to be sealed (counted at each scrape). */
    public void audit(LongSupplier sealed, Supplier<Sealer.Backlog> backlog) {
        registry.register(CounterWithCallback.builder()
                .name("regiopool_audit_events_sealed")
                .help("Audit events this node's sealer linked into the cooperatives' hash chains")
                .callback(counter -> counter.call(sealed.getAsLong()))
                .build());
        registry.register(GaugeWithCallback.builder()
                .name("regiopool_audit_unsealed")
                .help("Committed audit events not yet sealed, over every cooperative, and the age of the oldest"
                        + " (the sealer's lag)")
                .labelNames("measure")
                .callback(gauge -> {
                    try {
                        Sealer.Backlog now = backlog.get();
                        gauge.call(now.events(), "events");
                        gauge.call(now.oldestAge().toMillis() / 1000.0, "oldest_age_seconds");
                    } catch (RuntimeException e) {
                        LOG.warn("The unsealed audit events could not be counted: {}", e.getMessage());
                    }
                })
                .build());
    }
}
