package nl.regiopool.geo;

/** Great-circle distance on a spherical earth (haversine): straight-line km, good to about 0.5% in the Netherlands. */
public final class Distance {

    /** The mean earth radius (IUGG), in km. */
    static final double EARTH_RADIUS_KM = 6371.0088;

    private Distance() {
    }

    public static double km(Coordinates from, Coordinates to) {
        double lat1 = Math.toRadians(from.latitude());
        double lat2 = Math.toRadians(to.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(to.longitude() - from.longitude());
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
