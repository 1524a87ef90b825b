package dev.strata.bench.tools;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;

/**
 * The direct-S3 baseline of the s3-blob scenario: THREADS threads PUT (or GET) 1 MiB objects on the same S3
 * server Strata uses, with minio-java (the client Strata's S3 blob store uses, same version), for SECONDS
 * seconds; prints a WRK_JSON line (see {@link LoadLoop}). PUT cycles each thread over 8 object names, like
 * bench/wrk/blob-put.lua; GET reads one object, written first, like the filesystem blob-get scenario.
 *
 * <p>Usage: {@code S3Load put|get ENDPOINT ACCESS_KEY SECRET_KEY BUCKET THREADS SECONDS}
 */
public final class S3Load {
    private static final int BYTES = 1 << 20;

    private S3Load() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        MinioClient client = MinioClient.builder().endpoint(args[1]).credentials(args[2], args[3]).build();
        String bucket = args[4];
        int threads = Integer.parseInt(args[5]);
        double seconds = Double.parseDouble(args[6]);
        byte[] body = new byte[BYTES];
        new Random(7).nextBytes(body);
        if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
        }
        if (mode.equals("get")) {
            put(client, bucket, "bench-get.bin", body);
            byte[] buffer = new byte[64 * 1024];
            LoadLoop.run(threads, seconds, (thread, seq) -> {
                try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object("bench-get.bin").build())) {
                    while (in.read(buffer) >= 0) {
                        // drain, as wrk reads the whole response
                    }
                }
                return true;
            });
        } else {
            LoadLoop.run(threads, seconds, (thread, seq) -> {
                put(client, bucket, "bench-" + thread + "-" + (seq % 8) + ".bin", body);
                return true;
            });
        }
        System.exit(0); // the HTTP and Kafka clients leave non-daemon threads that would hold the JVM for a minute
    }

    private static void put(MinioClient client, String bucket, String name, byte[] body) throws Exception {
        client.putObject(PutObjectArgs.builder().bucket(bucket).object(name)
                .stream(new ByteArrayInputStream(body), body.length, -1)
                .contentType("application/octet-stream").build());
    }
}
