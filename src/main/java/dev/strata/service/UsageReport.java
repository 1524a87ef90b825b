package dev.strata.service;

import dev.strata.domain.Quotas;
import dev.strata.domain.Usage;

/** A user's totals next to the quotas they count against. */
public record UsageReport(Usage usage, Quotas quotas) {
}
