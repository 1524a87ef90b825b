package dev.strata.service;

/** The result of a DELETE of one record or blob. */
public record Removal(String target) {
}
