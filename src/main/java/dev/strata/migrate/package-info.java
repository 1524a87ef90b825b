/**
 * {@code strata migrate}: copies a tier's data, user by user through the {@code RecordStore} and
 * {@code BlobStore} ports, into another tier's stores, with a checkpoint file for resuming and a verification
 * pass that compares every row and every blob's bytes. Because it speaks only ports, any pair of tiers whose
 * stores the composition root can open works; a sharded target routes each user's writes itself.
 */
package dev.strata.migrate;
