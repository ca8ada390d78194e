package dev.resolve.metrics.service;

import dev.resolve.metrics.config.MetricsConfig;
import dev.resolve.metrics.domain.Kpi;
import dev.resolve.metrics.domain.KpiCount;
import dev.resolve.metrics.persistence.KpiRepository;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The KPIs as Prometheus meters, labelled {@code channel} and {@code type}:
 * {@code resolve_requests_logged_total} (a counter) and {@code resolve_cases_open} (a gauge).
 *
 * <p>The meters read a small in-memory copy of the projection, re-read from the database every
 * {@code resolve.metrics.refresh-interval} and at start-up. Because the
 * database holds the counts, they survive restarts and every instance reports the same, complete values: aggregate
 * instances with {@code max}, not {@code sum}. A meter is registered the first time its combination of channel and
 * type appears.
 */
@ApplicationScoped
public class KpiMeters {

    private record Key(Kpi kpi, String channel, String type) {
    }

    private final KpiRepository counters;
    private final MeterRegistry registry;
    private final MetricsConfig config;
    private final Map<Key, AtomicLong> values = new ConcurrentHashMap<>();

    public KpiMeters(KpiRepository counters, MeterRegistry registry, MetricsConfig config) {
        this.counters = counters;
        this.registry = registry;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        refreshQuietly();
        Log.infof("KPI meters: %d series, re-read from the database every %s", values.size(), config.refreshInterval());
    }

    @Scheduled(identity = "kpi-meters-refresh", every = "${resolve.metrics.refresh-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshPeriodically() {
        refreshQuietly();
    }

    /** Re-reads every count from the database and registers meters for new combinations. */
    synchronized void refresh() {
        for (KpiCount count : counters.read().counts()) {
            values.computeIfAbsent(new Key(count.kpi(), count.channel(), count.type()), this::register).set(count.value());
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            Log.warnf("The KPI meters keep their last values: %s", e.getMessage());
        }
    }

    private AtomicLong register(Key key) {
        AtomicLong value = new AtomicLong();
        switch (key.kpi()) {
            case REQUESTS_LOGGED -> FunctionCounter.builder("resolve.requests.logged", value, AtomicLong::doubleValue)
                    .description("Service requests logged, by channel and request type")
                    .tags("channel", key.channel(), "type", key.type())
                    .register(registry);
            case CASES_OPEN -> Gauge.builder("resolve.cases.open", value, AtomicLong::doubleValue)
                    .description("Cases opened and not yet closed, by channel and request type")
                    .tags("channel", key.channel(), "type", key.type())
                    .strongReference(true)
                    .register(registry);
        }
        return value;
    }
}
