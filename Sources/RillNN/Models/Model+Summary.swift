import Foundation
import RillCore

extension Model {
  /// A Keras-style table of the model's layers: name and type, output shape and parameter
  /// count, with the totals.
  ///
  /// ```
  /// Model: "sequential"
  /// ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
  /// ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
  /// ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
  /// │ flatten (Flatten)               │ (None, 784)            │             0 │
  /// │ dense (Dense)                   │ (None, 128)            │       100,480 │
  /// └─────────────────────────────────┴────────────────────────┴───────────────┘
  ///  Total params: 100,480 (392.50 KB)
  /// ```
  /// Output shapes are those of the last call (the batch size shown as `None`); call the model
  /// once, or `build(for:)` a ``Sequential``, before asking. Keras: `model.summary()`.
  public func summary() -> String {
    let widths = [33, 24, 15]
    func row(_ cells: [String], _ left: String, _ separator: String, _ right: String) -> String {
      let padded = zip(cells, widths).enumerated().map { index, pair -> String in
        let (cell, width) = pair
        let text = cell.count > width - 2 ? String(cell.prefix(width - 3)) + "…" : cell
        let space = String(repeating: " ", count: Swift.max(0, width - 2 - text.count))
        return " " + (index == 2 ? space + text : text + space) + " "
      }
      return left + padded.joined(separator: separator) + right
    }
    func rule(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
      left + widths.map { String(repeating: fill, count: $0) }.joined(separator: middle) + right
    }
    var lines = ["Model: \"\(name)\""]
    lines.append(rule("┏", "━", "┳", "┓"))
    lines.append(row(["Layer (type)", "Output Shape", "Param #"], "┃", "┃", "┃"))
    lines.append(rule("┡", "━", "╇", "┩"))
    for (_, layer) in namedSublayers {
      let shape = layer.lastOutputShape.map(Self.describeBatched) ?? "?"
      lines.append(
        row(
          ["\(layer.name) (\(type(of: layer)))", shape, Self.grouped(layer.parameterCount)], "│",
          "│", "│"))
    }
    lines.append(rule("└", "─", "┴", "┘"))
    let trainable = trainableVariables.map(\.scalarCount).reduce(0, +)
    let total = parameterCount
    for (label, count) in [
      ("Total", total), ("Trainable", trainable), ("Non-trainable", total - trainable),
    ] {
      lines.append(" \(label) params: \(Self.grouped(count)) (\(Self.bytes(count * 4)))")
    }
    return lines.joined(separator: "\n")
  }

  /// A shape with its batch dimension as `None`: `(None, 784)`.
  static func describeBatched(_ shape: Shape) -> String {
    let dimensions = shape.dimensions.enumerated().map {
      $0.offset == 0 ? "None" : String($0.element)
    }
    return "(" + dimensions.joined(separator: ", ") + (shape.rank == 1 ? ",)" : ")")
  }

  /// An integer with thousands separators: 100,480.
  static func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    return digits.enumerated().map { index, digit in
      let fromEnd = digits.count - index
      return (index > 0 && fromEnd % 3 == 0 ? "," : "") + String(digit)
    }.joined()
  }

  /// A byte count in B, KB or MB (1 KB = 1024 B, as Keras shows it).
  static func bytes(_ count: Int) -> String {
    let value = Double(count)
    if value >= 1024 * 1024 { return String(format: "%.2f MB", value / 1024 / 1024) }
    if value >= 1024 { return String(format: "%.2f KB", value / 1024) }
    return String(format: "%.2f B", value)
  }
}
