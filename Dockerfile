# syntax=docker/dockerfile:1
#
# attribution-streams: one image for every command of the jar.
#   docker build -t attribution-streams:latest .
#   docker run --rm attribution-streams:latest topics --bootstrap-servers kafka:9092
#   docker run -p 8080:8080 -e ATTRIBUTION_BOOTSTRAP_SERVERS=kafka:9092 attribution-streams:latest   (CMD: run)

# ---- build: the shaded jar -------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Only what the build reads (the topics/ files are packaged into the jar); target/ and .git stay out.
COPY pom.xml ./
COPY src ./src
COPY topics ./topics
COPY schemas ./schemas
# The cache mount keeps ~/.m2 between builds (BuildKit); the jar itself is built fresh every time.
RUN --mount=type=cache,target=/root/.m2 mvn -q -B package -DskipTests

# ---- runtime: JRE only, non-root ---------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# A fixed, numeric uid/gid so that Kubernetes (runAsNonRoot, fsGroup) can check and match it.
RUN groupadd --system --gid 10001 attribution \
 && useradd --system --uid 10001 --gid attribution --home-dir /app --shell /usr/sbin/nologin attribution \
 && mkdir -p /app /var/lib/attribution-streams \
 && chown attribution:attribution /var/lib/attribution-streams
WORKDIR /app
COPY --from=build /build/target/attribution-streams.jar /app/attribution-streams.jar

# RocksDB state (state.dir). Created above with the app user as owner, so a fresh named volume
# mounted here is writable; in Kubernetes a PersistentVolumeClaim is mounted here instead.
ENV ATTRIBUTION_STATE_DIR=/var/lib/attribution-streams
VOLUME ["/var/lib/attribution-streams"]

# RocksDB lives off the Java heap: leave half of the container's memory to it and to the JVM itself.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50.0"

USER 10001:10001
# attribution.http.port: /metrics, /health/live, /health/ready, interactive queries
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/attribution-streams.jar"]
CMD ["run"]
