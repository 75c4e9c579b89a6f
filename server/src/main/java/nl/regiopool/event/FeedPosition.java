package nl.regiopool.event;

import nl.regiopool.page.Cursors;
import nl.regiopool.problem.ProblemException;

/** A place in the event feed: the writing transaction's id and the event's position within the outbox. */
record FeedPosition(String txid, long position) {

    static FeedPosition parse(String key) {
        int colon = key.indexOf(':');
        try {
            String txid = key.substring(0, colon);
            Long.parseUnsignedLong(txid);
            return new FeedPosition(txid, Long.parseLong(key.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("after", "INVALID_CURSOR", "after is not a cursor of this feed.");
        }
    }

    static FeedPosition decode(String cursor) {
        return cursor == null ? null : parse(Cursors.decode(cursor));
    }
}
