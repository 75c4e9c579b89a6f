package nl.regiopool.tenancy;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/** Time-ordered UUIDv7 ids: they sort by creation, which keeps indexes compact and cursors simple. */
public final class Ids {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}
