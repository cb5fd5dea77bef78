import RillCore
