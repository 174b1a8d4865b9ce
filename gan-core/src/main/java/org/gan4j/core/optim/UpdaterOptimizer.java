package org.gan4j.core.optim;

import org.gan4j.api.nn.Parameters;
import org.gan4j.api.spi.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * An {@link Optimizer} backed by one of ND4J's updaters, applied to a network's whole flat parameter
 * array at once: the updater turns the gradient into the step in place, which is then subtracted.
 */
final class UpdaterOptimizer implements Optimizer {

    private final Parameters parameters;
    private final INDArray state;
    private final GradientUpdater<?> updater;
    private long steps;
    private double learningRateScale = 1;

    UpdaterOptimizer(IUpdater config, Parameters parameters) {
        this.parameters = parameters;
        long stateSize = config.stateSize(parameters.size());
        this.state = stateSize == 0 ? null
                : org.nd4j.linalg.factory.Nd4j.zeros(parameters.values().dataType(), 1, stateSize);
        this.updater = config.instantiate(state, true);
    }

    @Override
    public void step() {
        INDArray gradient = parameters.gradients();
        // ND4J's updaters count iterations from 0 (Adam's bias correction uses iteration + 1).
        updater.applyUpdater(gradient, (int) steps, 0);
        if (learningRateScale != 1) {
            gradient.muli(learningRateScale); // SGD's, Adam's and RMSProp's steps are linear in the learning rate
        }
        parameters.values().subi(gradient);
        steps++;
    }

    @Override
    public INDArray state() {
        return state == null ? org.nd4j.linalg.factory.Nd4j.empty(parameters.values().dataType()) : state;
    }

    @Override
    public void scaleLearningRate(double factor) {
        learningRateScale *= factor;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void restore(INDArray saved, long savedSteps) {
        if (state != null) {
            state.assign(saved.reshape(state.shape()));
        }
        steps = savedSteps;
    }
}
