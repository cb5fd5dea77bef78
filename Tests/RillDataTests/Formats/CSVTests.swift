import Foundation
import RillCore
import Testing

@testable import RillData

@Suite struct CSVTests {
  private func table(_ text: String, hasHeader: Bool = true, delimiter: Character = ",") throws
    -> CSVTable
  {
    try CSV.decode(Data(text.utf8), hasHeader: hasHeader, delimiter: delimiter)
  }

  /// The error thrown by `body`, if it is a CSVError.
  private func csvError(_ body: () throws -> Void) -> CSVError? {
    do {
      try body()
      return nil
    } catch {
      return error as? CSVError
    }
  }

  @Test func testReadsHeaderAndColumnsIntoTensors() throws {
    let csv = try table("label,x,y\n1,0.5,2\n0,1.5,-1e2\n")
    #expect(csv.columnNames == ["label", "x", "y"])
    #expect(csv.rowCount == 2)
    let features = try csv.tensor(columns: ["x", "y"])
    #expect(features.dtype == .float32 && features.shape == [2, 2])
    #expect(features.scalars(as: Float.self) == [0.5, 2, 1.5, -100])
    let labels = try csv.column("label", dtype: .int32)
    #expect(labels.dtype == .int32 && labels.scalars(as: Int32.self) == [1, 0])
    let all = try csv.tensor(dtype: .float64)
    #expect(all.shape == [2, 3] && all.scalars(as: Double.self) == [1, 0.5, 2, 0, 1.5, -100])
    let reordered = try csv.tensor(columns: [2, "label"])
    #expect(reordered.scalars(as: Float.self) == [2, 1, -100, 0])
  }

  @Test func testNamedColumnsFeedADatasetOfDictionaries() throws {
    let csv = try table("a,b\n1,2\n3,4\n5,6\n")
    let columns = try csv.columns(dtype: .int64)
    #expect(Set(columns.keys) == ["a", "b"])
    let rows = Dataset(tensorSlices: columns).batch(2).elements
    #expect(rows.map { $0["a"]?.scalars(as: Int64.self) ?? [] } == [[1, 3], [5]])
    #expect(try csv.columns(["b"]).keys.sorted() == ["b"])
  }

  @Test func testQuotesLineEndingsAndEmptyLines() throws {
    let text =
      "\u{FEFF}name,value\r\n\"Smith, J.\",1\r\n\r\n\"say \"\"hi\"\"\",2\n\"two\nlines\",3\r"
    let csv = try table(text)
    #expect(csv.columnNames == ["name", "value"])
    #expect(csv.rows.map { $0[0] } == ["Smith, J.", "say \"hi\"", "two\nlines"])
    #expect(try csv.column("value").scalars(as: Float.self) == [1, 2, 3])
    #expect(csv.lines == [2, 4, 5])
  }

  @Test func testOtherDelimitersNoHeaderAndTrimming() throws {
    let csv = try table(" 1 ;\t2\n3;4 ", hasHeader: false, delimiter: ";")
    #expect(csv.columnNames == ["0", "1"])
    #expect(try csv.tensor(dtype: .uint8).scalars(as: UInt8.self) == [1, 2, 3, 4])
  }

  @Test func testBooleansAndIntegerRanges() throws {
    let csv = try table("flag,small,big\nTrue,255,-2147483648\nfalse,0,2147483647\n1,7,0\n")
    #expect(try csv.column("flag", dtype: .bool).scalars(as: Bool.self) == [true, false, true])
    #expect(try csv.column("small", dtype: .uint8).scalars(as: UInt8.self) == [255, 0, 7])
    #expect(try csv.column("big", dtype: .int32).scalars(as: Int32.self) == [.min, .max, 0])
    let error = csvError { _ = try csv.column("big", dtype: .uint8) }
    #expect(error?.reason == .outOfRange("-2147483648", .uint8))
    #expect(error?.line == 2 && error?.column == 3 && error?.columnName == "big")
  }

  @Test func testConversionErrorsNameLineAndColumn() throws {
    let csv = try table("age,height\n31,1.80\nforty,1.75\n")
    let error = csvError { _ = try csv.tensor() }
    #expect(error?.reason == .invalidValue("forty", .float32))
    #expect(error?.line == 3 && error?.column == 1 && error?.columnName == "age")
    #expect(
      error?.description == "CSV text, line 3, column 1 ('age'): \"forty\" is not a float32 value")

    let empty = try table("a,b\n1,\n")
    #expect(csvError { _ = try empty.column("b") }?.reason == .emptyField(.float32))
    let fraction = try table("n\n1.5\n")
    #expect(
      csvError { _ = try fraction.column("n", dtype: .int32) }?.reason
        == .invalidValue("1.5", .int32))
    let huge = try table("n\n1e39\n")
    #expect(csvError { _ = try huge.column("n") }?.reason == .outOfRange("1e39", .float32))
    #expect(try huge.column("n", dtype: .float64).scalars(as: Double.self) == [1e39])
    let special = try table("n\nnan\n-inf\n")
    let values = try special.column("n").scalars(as: Float.self)
    #expect(values[0].isNaN && values[1] == -.infinity)
    #expect(
      csvError { _ = try special.column("n", dtype: .bool) }?.reason == .invalidValue("nan", .bool))
  }

  @Test func testColumnSelectionErrors() throws {
    let csv = try table("a,b,a\n1,2,3\n")
    #expect(csvError { _ = try csv.column("c") }?.reason == .unknownColumn(.name("c")))
    #expect(csvError { _ = try csv.column(3) }?.reason == .unknownColumn(.index(3)))
    #expect(csvError { _ = try csv.column("a") }?.reason == .ambiguousColumn("a"))
    #expect(csvError { _ = try csv.columns() }?.reason == .ambiguousColumn("a"))
    #expect(try csv.column(2).scalars(as: Float.self) == [3])
  }

  @Test func testStructuralErrorsNameTheLine() {
    let ragged = csvError { _ = try table("a,b\n1,2\n3\n") }
    #expect(ragged?.reason == .wrongFieldCount(expected: 2, actual: 1))
    #expect(ragged?.line == 3)
    let unterminated = csvError { _ = try table("a,b\n1,\"open\n2,3\n") }
    #expect(unterminated?.reason == .unterminatedQuote && unterminated?.line == 2)
    let afterQuote = csvError { _ = try table("a\n\"x\"y\n") }
    #expect(afterQuote?.reason == .textAfterQuote && afterQuote?.line == 2)
    #expect(csvError { _ = try table("") }?.reason == .missingHeader)
    #expect(csvError { _ = try CSV.decode(Data([0x61, 0x0A, 0xFF, 0xFE])) }?.reason == .notUTF8)
  }

  @Test func testReadingAFileNamesItInErrors() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("points.csv")
    try Data("x,y\n1,2\n3,oops\n".utf8).write(to: url)
    let csv = try CSV.read(contentsOf: url)
    let error = csvError { _ = try csv.tensor() }
    #expect(error?.path == url.path)
    #expect(error?.description.hasPrefix("CSV file \(url.path), line 3, column 2 ('y')") == true)
    let missing = csvError {
      _ = try CSV.read(contentsOf: directory.appendingPathComponent("no.csv"))
    }
    #expect(missing?.path != nil)
  }
}
