# syntax=docker/dockerfile:1
# Strata image: one jar, every tier. The tier file chooses the adapters; see docs/deployment.md.

FROM maven:3-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml ./
COPY src ./src
# The cache mount keeps the local Maven repository between builds without putting it in a layer.
RUN --mount=type=cache,target=/root/.m2 mvn -q -B package -DskipTests

FROM eclipse-temurin:21-jre
# A fixed uid so Kubernetes can check runAsNonRoot/runAsUser and volumes can be chowned ahead of time.
RUN groupadd --system --gid 10001 strata \
 && useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin strata \
 && mkdir -p /app/config /data \
 && chown 10001:10001 /data
WORKDIR /app
COPY --from=build /src/target/strata.jar /app/strata.jar
COPY config/ /app/config/
COPY deploy/cds-archive.sh /app/cds-archive.sh
# A training run writes an AppCDS archive of the classes start-up loads: about half the start-up CPU
# (docs/performance.md, "Start-up"). It fits this image's JVM and /app/strata.jar only.
RUN bash /app/cds-archive.sh /app/strata.jar /app/strata.jsa /app/config/tier-hundreds.yaml && rm /app/cds-archive.sh

# The root filesystem may be read-only: the app writes only to /data (STRATA_DATA_DIR) and /tmp.
VOLUME ["/data", "/tmp"]
ENV STRATA_PORT=8080 \
    STRATA_DATA_DIR=/data \
    STRATA_LOG_FORMAT=json \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp"
USER 10001:10001
EXPOSE 8080

# The JRE image has no curl or wget and we install nothing: bash's /dev/tcp speaks just enough HTTP/1.0.
# Liveness, not readiness: a draining or starting process must not be restarted for answering 503.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${STRATA_PORT:-8080} && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# Exec form: java is PID 1 and receives SIGTERM itself, which starts the drain (readiness 503, finish in-flight, exit).
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/strata.jsa", "-jar", "/app/strata.jar"]
CMD ["serve", "--config", "/app/config/tier-hundreds.yaml"]
