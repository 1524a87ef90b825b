package dev.strata.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Duration;

/** Where raw bytes of blobs live. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = BlobsConfig.Filesystem.class, name = "filesystem"),
        @JsonSubTypes.Type(value = BlobsConfig.S3.class, name = "s3")})
public sealed interface BlobsConfig {

    /** @param dir directory for blob files (default {@code <dataDir>/blobs}) */
    record Filesystem(String dir) implements BlobsConfig {
    }

    /**
     * @param endpoint     S3 endpoint URL
     * @param bucket       bucket name
     * @param accessKey    access key
     * @param secretKey    secret key
     * @param region       region (default us-east-1)
     * @param createBucket create the bucket at start when absent (default true)
     * @param connectTimeout longest wait to connect, and for the whole readiness check (default 2s)
     * @param readTimeout    longest wait for the next bytes of an answer, or for the store to take the next bytes
     *                       of an upload (default 10s); must be shorter than {@code server.idleTimeout}
     */
    record S3(String endpoint, String bucket, String accessKey, String secretKey, String region, Boolean createBucket,
              Duration connectTimeout, Duration readTimeout) implements BlobsConfig {
        public S3 {
            ConfigException.require(endpoint != null && !endpoint.isBlank(), "blobs.endpoint", "is required");
            ConfigException.require(bucket != null && !bucket.isBlank(), "blobs.bucket", "is required");
            region = region == null || region.isBlank() ? "us-east-1" : region;
            createBucket = createBucket == null || createBucket;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
            ConfigException.require(!connectTimeout.isNegative() && !connectTimeout.isZero(), "blobs.connectTimeout", "must be positive");
            readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
            ConfigException.require(!readTimeout.isNegative() && !readTimeout.isZero(), "blobs.readTimeout", "must be positive");
        }
    }
}
