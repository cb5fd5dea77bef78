/// Where a symbolic tensor comes from: a node of a graph.
struct Symbol {
  let graph: Graph
  let node: GraphNode
}
