package nl.regiopool.geo;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import nl.regiopool.tenancy.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the postcode location cache from the geocoder, outside any request transaction: callers collect the
 * postcodes their transaction found no location for, end it, then ask here. Found and not-found answers are
 * cached; a failure is not, and pauses lookups for a while so a geocoder that is down costs one timeout, not one
 * per ranking.
 */
public final class Geocoding {

    private static final Logger LOG = LoggerFactory.getLogger(Geocoding.class);
    /** The cache's key: a postcode as members and workers store it. */
    private static final Pattern STORED_POSTCODE = Pattern.compile("[1-9][0-9]{3} [A-Z]{2}");

    /** Geocoding switched off: nothing is looked up, matching uses only stated coordinates and the cache. */
    public static final Geocoding DISABLED = new Geocoding(null, null, Duration.ZERO, 0);

    private final Transactions transactions;
    private final Geocoder geocoder;
    private final Duration pauseAfterFailure;
    private final int maxLookups;
    private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

    public Geocoding(Transactions transactions, Geocoder geocoder, Duration pauseAfterFailure, int maxLookups) {
        this.transactions = transactions;
        this.geocoder = geocoder;
        this.pauseAfterFailure = pauseAfterFailure;
        this.maxLookups = maxLookups;
    }

    public static Geocoding of(GeocoderConfig config, Transactions transactions) {
        if (!config.isEnabled()) {
            return DISABLED;
        }
        return new Geocoding(transactions, new Geocoder(config.getUrl(), config.getTimeout().toJavaDuration()),
                config.getPauseAfterFailure().toJavaDuration(), config.getMaxLookupsPerRanking());
    }

    /**
     * Looks the postcodes (stored form, {@code 1234 AB}) up and caches the answers; true when anything new was
     * cached. Never throws for the geocoder's failures.
     */
    public boolean fill(Collection<String> postcodes) {
        if (geocoder == null || postcodes.isEmpty() || System.nanoTime() - pausedUntilNanos.get() < 0) {
            return false;
        }
        Map<String, Geocoder.Answer> answers = geocoder.lookUp(postcodes.stream()
                .filter(postcode -> STORED_POSTCODE.matcher(postcode).matches())
                .distinct().sorted().limit(maxLookups).toList());
        Map<String, Coordinates> known = new HashMap<>();
        answers.forEach((postcode, answer) -> {
            if (answer instanceof Geocoder.Found found) {
                known.put(postcode, found.coordinates());
            } else if (answer instanceof Geocoder.NotFound) {
                known.put(postcode, null);
            }
        });
        answers.values().stream().filter(Geocoder.Failed.class::isInstance).findFirst().ifPresent(failed -> {
            pausedUntilNanos.set(System.nanoTime() + pauseAfterFailure.toNanos());
            LOG.warn("Geocoder lookup failed ({}); no lookups for {}", ((Geocoder.Failed) failed).why(), pauseAfterFailure);
        });
        if (known.isEmpty()) {
            return false;
        }
        try {
            transactions.jdbi().useTransaction(handle -> PostcodeLocationDao.store(handle, known));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not cache geocoder answers", e);
            return false;
        }
    }
}
