package dev.strata.bootstrap;

/** The application's version, from the jar manifest ({@code dev} when run from classes). */
public final class Versions {
    private Versions() {
    }

    public static String application() {
        String version = Versions.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
