package dev.rill;

import java.util.Map;

/** Called by {@link Model#fit} after each epoch of training. */
@FunctionalInterface
public interface EpochCallback {
  /**
   * Receives the end of an epoch.
   *
   * @param epoch the epoch, counted from 0
   * @param logs the epoch's loss and metrics by name ({@code loss}, {@code accuracy}, {@code
   *     val_loss} …)
   * @return {@code true} to go on training, {@code false} to stop after this epoch
   */
  boolean onEpochEnd(int epoch, Map<String, Double> logs);
}
