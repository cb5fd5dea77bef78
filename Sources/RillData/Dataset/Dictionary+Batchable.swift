extension Dictionary: Batchable where Value: Batchable, Value.Batch == Value {
  /// Stacks the values under each key; every dictionary must have the same keys.
  ///
  /// - Precondition: `elements` is not empty and its dictionaries have the same keys, with
  ///   values of one structure under each key.
  public static func stacking(_ elements: [Dictionary]) -> Dictionary {
    guard let first = elements.first else {
      fatalError("batch: there are no elements to stack")
    }
    var batch: Dictionary = [:]
    for key in first.keys {
      let values = elements.map { element -> Value in
        guard let value = element[key], element.count == first.count else {
          fatalError("batch: dictionary elements have different keys")
        }
        return value
      }
      batch[key] = Value.stacking(values)
    }
    return batch
  }

  /// The common batch size of the values.
  ///
  /// - Precondition: the dictionary is not empty and its values have the same batch size.
  public static func batchSize(of batch: Dictionary) -> Int {
    let sizes = Set(batch.values.map { Value.batchSize(of: $0) })
    guard sizes.count == 1, let size = sizes.first else {
      fatalError(
        "batch: the values of a dictionary have leading axes of sizes \(sizes.sorted()), "
          + "not one size"
      )
    }
    return size
  }

  /// The element at `index` of every value, under the same keys.
  public static func element(_ index: Int, of batch: Dictionary) -> Dictionary {
    batch.mapValues { Value.element(index, of: $0) }
  }
}
