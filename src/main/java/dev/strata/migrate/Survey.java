package dev.strata.migrate;

import dev.strata.port.RecordStore;

/**
 * What a source holds, summed from its users' usage rows, and how much of it a checkpoint says is copied
 * already (the users up to and including {@code copiedThrough}, in the store's order).
 */
record Survey(Totals total, Totals copied) {

    static Survey of(RecordStore source, String copiedThrough) {
        Totals[] sums = {Totals.NONE, Totals.NONE};
        boolean[] pastCheckpoint = {copiedThrough == null};
        Users.forEach(source, null, user -> {
            Totals one = Users.totalsOf(source, user);
            sums[0] = sums[0].plus(one);
            if (!pastCheckpoint[0]) {
                sums[1] = sums[1].plus(one);
                pastCheckpoint[0] = user.value().equals(copiedThrough);
            }
        });
        return new Survey(sums[0], sums[1]);
    }

    Totals remaining() {
        return new Totals(total.users() - copied.users(), total.records() - copied.records(),
                total.blobs() - copied.blobs(), total.bytes() - copied.bytes());
    }
}
