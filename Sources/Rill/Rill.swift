// The module Rill's users import: it re-exports every part of the framework.
@_exported import RillBoard
@_exported import RillCore
@_exported import RillData
@_exported import RillNN
