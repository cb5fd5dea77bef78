/// What a format's error message is about: the file, as in "IDX file labels.idx", or, for bytes
/// that did not come from a file, the format's data, as in "IDX data".
func errorSubject(format: String, path: String?) -> String {
  path.map { "\(format) file \($0)" } ?? "\(format) data"
}
