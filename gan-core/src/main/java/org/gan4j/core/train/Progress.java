package org.gan4j.core.train;

/** Where a run is: the counters a checkpoint saves and a resumed run starts from. */
final class Progress {
    /** Iterations done. */
    long iteration;
    /** 1-based epoch of the next iteration. */
    int epoch = 1;
    /** Epochs finished. */
    int completedEpochs;
    /** Real batches of {@link #epoch} already used. */
    int batchInEpoch;
    /** Wall-clock seconds the GAN steps have taken, for {@code schedule.seconds}. */
    double trainingSeconds;

    /** The counters of a checkpoint, for a resumed run. */
    static Progress of(Checkpoint c) {
        Progress p = new Progress();
        p.iteration = c.iteration();
        p.epoch = c.epoch();
        p.completedEpochs = c.completedEpochs();
        p.batchInEpoch = c.batchInEpoch();
        p.trainingSeconds = c.trainingSeconds();
        return p;
    }

    /** Marks the current epoch finished: the next iteration starts the next epoch at its first batch. */
    void finishEpoch() {
        completedEpochs = epoch;
        epoch++;
        batchInEpoch = 0;
    }
}
