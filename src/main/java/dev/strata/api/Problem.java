package dev.strata.api;

/** An RFC 9457 problem document. {@code type} is a relative URI naming the kind of problem. */
public record Problem(String type, String title, int status, String detail, String instance) {
}
