// The module Rill's users import: it re-exports every part of the framework.
@_exported import RillCore
