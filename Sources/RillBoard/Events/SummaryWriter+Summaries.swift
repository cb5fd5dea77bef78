import RillCore

extension SummaryWriter {
  /// Logs a number for the Scalars tab.
  ///
  /// The value is stored as a 32-bit float (`simple_value`), as TensorFlow stores it; NaN and
  /// infinities are written as they are, and TensorBoard shows them as such.
  ///
  /// - Parameters:
  ///   - tag: The chart's name; slashes group charts (`train/loss`).
  ///   - value: The value.
  ///   - step: The x coordinate, usually the training step or epoch.
  /// - Precondition: the writer is open.
  public func scalar(_ tag: String, _ value: Double, step: Int) {
    write(.summary([.scalar(tag: tag, value: Float(value))]), step: step)
  }

  /// Logs an integer for the Scalars tab (stored as a 32-bit float, like every scalar).
  ///
  /// - Parameters:
  ///   - tag: The chart's name.
  ///   - value: The value, such as a count.
  ///   - step: The x coordinate.
  /// - Precondition: the writer is open.
  public func scalar(_ tag: String, _ value: Int, step: Int) {
    scalar(tag, Double(value), step: step)
  }

  /// Logs the value of a one-element tensor for the Scalars tab.
  ///
  /// - Parameters:
  ///   - tag: The chart's name.
  ///   - value: A tensor with one element, such as a loss.
  ///   - step: The x coordinate.
  /// - Precondition: `value` has exactly one element and the writer is open.
  public func scalar(_ tag: String, _ value: Tensor, step: Int) {
    scalar(tag, value.item(), step: step)
  }

  /// Logs a string for the Text tab, which renders it as Markdown.
  ///
  /// The string is written as a rank-0 string tensor with the text plugin's metadata, as
  /// `tf.summary.text` writes it.
  ///
  /// - Parameters:
  ///   - tag: The name of the text series.
  ///   - text: The Markdown text.
  ///   - step: The step it belongs to.
  /// - Precondition: the writer is open.
  public func text(_ tag: String, _ text: String, step: Int) {
    write(.summary([.text(tag: tag, text)]), step: step)
  }

  /// Logs the distribution of a tensor's elements for the Histograms and Distributions tabs.
  ///
  /// The values are bucketed as ``HistogramSummary`` describes (TensorFlow's default
  /// exponential buckets; NaN and infinities are left out).
  ///
  /// - Parameters:
  ///   - tag: The name of the histogram series.
  ///   - values: Any tensor; all its elements are counted.
  ///   - step: The step it belongs to.
  /// - Precondition: the writer is open.
  public func histogram(_ tag: String, _ values: Tensor, step: Int) {
    histogram(tag, HistogramSummary(values), step: step)
  }

  /// Logs the distribution of some numbers for the Histograms and Distributions tabs.
  ///
  /// - Parameters:
  ///   - tag: The name of the histogram series.
  ///   - values: The numbers.
  ///   - step: The step it belongs to.
  /// - Precondition: the writer is open.
  public func histogram(_ tag: String, _ values: [Double], step: Int) {
    histogram(tag, HistogramSummary(values), step: step)
  }

  /// Logs a histogram that was summarized already.
  ///
  /// - Parameters:
  ///   - tag: The name of the histogram series.
  ///   - summary: The histogram.
  ///   - step: The step it belongs to.
  /// - Precondition: the writer is open.
  public func histogram(_ tag: String, _ summary: HistogramSummary, step: Int) {
    write(.summary([.histogram(tag: tag, summary)]), step: step)
  }

  /// Logs a graph for the Graphs tab.
  ///
  /// - Parameter graph: The nodes of the graph.
  /// - Precondition: the writer is open.
  public func graph(_ graph: TensorBoardGraph) {
    write(.graph(graph), step: 0)
  }

  /// Logs a Rill graph for the Graphs tab, its name scopes drawn as nested boxes.
  ///
  /// ```swift
  /// let writer = try SummaryWriter(logdir: "logs/graph")
  /// writer.graph(g)
  /// ```
  /// - Precondition: the writer is open.
  public func graph(_ graph: Graph) {
    self.graph(TensorBoardGraph(graph))
  }

  /// Logs a graph that is already serialized as a `tensorflow.GraphDef` message.
  ///
  /// - Parameter encodedGraphDef: The bytes of a `GraphDef`.
  /// - Precondition: the writer is open.
  public func graph(encodedGraphDef: [UInt8]) {
    write(.graphDef(encodedGraphDef), step: 0)
  }
}
