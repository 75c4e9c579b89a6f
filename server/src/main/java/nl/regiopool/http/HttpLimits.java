package nl.regiopool.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;

/**
 * Limits on what one request, and one caller, may ask of the server: the largest request body
 * (413 above it) and a per-subject rate limit (429 above it).
 */
public class HttpLimits {

    @Min(1)
    private long maxRequestBytes = 1024 * 1024;

    /** Uploads (internship documents, at most 10 MiB each) get room for the file and the multipart envelope. */
    @Min(1)
    private long maxUploadRequestBytes = 11 * 1024 * 1024;

    @Min(1)
    private double requestsPerSecond = 50;

    @Min(1)
    private int burst = 100;

    private String cursorSecret;

    /**
     * The key list cursors are signed with; every node behind one load balancer needs the same. Optional with an
     * HS256 token secret, from which a key is derived then.
     */
    @JsonProperty
    public String getCursorSecret() {
        return cursorSecret;
    }

    @JsonProperty
    public void setCursorSecret(String cursorSecret) {
        this.cursorSecret = cursorSecret;
    }

    @JsonProperty
    public long getMaxRequestBytes() {
        return maxRequestBytes;
    }

    @JsonProperty
    public void setMaxRequestBytes(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @JsonProperty
    public long getMaxUploadRequestBytes() {
        return maxUploadRequestBytes;
    }

    @JsonProperty
    public void setMaxUploadRequestBytes(long maxUploadRequestBytes) {
        this.maxUploadRequestBytes = maxUploadRequestBytes;
    }

    /** Sustained requests per second per token subject. */
    @JsonProperty
    public double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    @JsonProperty
    public void setRequestsPerSecond(double requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    /** Requests a subject may send at once after being idle. */
    @JsonProperty
    public int getBurst() {
        return burst;
    }

    @JsonProperty
    public void setBurst(int burst) {
        this.burst = burst;
    }
}
