package nl.regiopool.auth;

import nl.regiopool.http.ProblemException;

/**
 * The verified caller of the request being handled on this thread. Set by {@link AuthFilter}
 * after the token is verified, cleared when the response leaves (Jersey handles a synchronous
 * request on one thread from filter to response filter).
 */
public final class CurrentCaller {

    private static final ThreadLocal<Caller> CALLER = new ThreadLocal<>();

    private CurrentCaller() {
    }

    static void set(Caller caller) {
        CALLER.set(caller);
    }

    public static void clear() {
        CALLER.remove();
    }

    /** The caller when one is set, without demanding one. */
    static java.util.Optional<Caller> find() {
        return java.util.Optional.ofNullable(CALLER.get());
    }

    public static Caller get() {
        Caller caller = CALLER.get();
        if (caller == null) {
            throw ProblemException.unauthenticated("A bearer token is required.");
        }
        return caller;
    }

    /** The caller, who must hold one of the roles (403 otherwise). */
    public static Caller requireAny(Role... allowed) {
        Caller caller = get();
        caller.requireAny(allowed);
        return caller;
    }

    /** A caller of a cooperative holding one of the roles. */
    public static Caller inTenant(Role... allowed) {
        Caller caller = requireAny(allowed);
        caller.tenant();
        return caller;
    }
}
