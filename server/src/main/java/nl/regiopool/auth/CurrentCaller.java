package nl.regiopool.auth;

import nl.regiopool.problem.ProblemException;

/**
 * The verified caller of the request being handled on this thread, set by {@link AuthFilter} once the
 * token is verified and the operation's {@code x-roles} allow the caller, and cleared when the response
 * leaves (Jersey handles a synchronous request on one thread from filter to response filter).
 *
 * <p>A thread local and not the request's {@code SecurityContext}: the resources implement interfaces
 * generated from the spec, whose methods take no {@code @Context} parameters, and Jersey does not inject
 * {@code @Context} fields into resource objects registered as instances (tried: the field stays null).
 */
public final class CurrentCaller {

    private static final ThreadLocal<Caller> CALLER = new ThreadLocal<>();

    private CurrentCaller() {
    }

    static void set(Caller caller) {
        CALLER.set(caller);
    }

    static void clear() {
        CALLER.remove();
    }

    /** The caller when one is set, without demanding one. */
    static java.util.Optional<Caller> find() {
        return java.util.Optional.ofNullable(CALLER.get());
    }

    /** The caller, whom the operation's x-roles already allowed. */
    public static Caller get() {
        Caller caller = CALLER.get();
        if (caller == null) {
            throw ProblemException.unauthenticated("A bearer token is required.");
        }
        return caller;
    }
}
