package nl.regiopool.request;

import java.util.UUID;
import nl.regiopool.write.WriteContext;

/** Offers released while the agreement made for them awaited approval: placed when that agreement comes into force. */
public final class ReleasedOffers {

    private ReleasedOffers() {
    }

    /** Runs in the transaction that brings the agreement into force. */
    public static void placeUnder(WriteContext write, UUID agreementId) {
        for (OfferDao.Row offer : OfferDao.releasedUnder(write.handle(), agreementId)) {
            Offers.place(write, offer, agreementId);
        }
    }
}
