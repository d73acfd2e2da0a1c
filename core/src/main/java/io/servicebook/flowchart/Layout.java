package io.servicebook.flowchart;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A layered ("Sugiyama") layout of a {@link Graph}, top to bottom. Back edges found by a
 * depth-first search from the start are set aside and drawn later as lanes on the side; the rest is
 * a DAG whose nodes get the layer of their longest path from the start. Edges longer than one layer
 * pass through dummy nodes, and a labelled edge always gets one dummy that carries its label, so
 * labels take room like nodes and never overlap. Nodes are ordered in their layer by barycenter
 * sweeps (keeping the order with fewest crossings), then placed horizontally by repeatedly pulling
 * each node towards its neighbours' mean while keeping the layer's order and spacing (an isotonic
 * regression per layer).
 */
final class Layout {

  static final double NODE_GAP = 36;
  static final double DUMMY_GAP = 22;
  static final double ROW_GAP = 34;
  static final double LANE_GAP = 16;

  /**
   * The size of a node. When {@code diamondHeight} is positive the node's top part is a diamond of
   * that height (a decision), which edges meet on its outline.
   */
  record Size(double w, double h, double diamondHeight) {
    static Size box(double w, double h) {
      return new Size(w, h, 0);
    }
  }

  record Point(double x, double y) {}

  /** A node of the layered graph: a graph node or a dummy on a long edge. */
  static final class LNode {
    final int graphNode;
    final Size size;
    final int layer;
    final Optional<String> label;
    final List<LNode> ups = new ArrayList<>();
    final List<LNode> downs = new ArrayList<>();
    int order;
    double x;
    double y;

    LNode(int graphNode, Size size, int layer, Optional<String> label) {
      this.graphNode = graphNode;
      this.size = size;
      this.layer = layer;
      this.label = label;
    }

    boolean dummy() {
      return graphNode < 0;
    }

    double top() {
      return y - size.h() / 2;
    }

    double bottom() {
      return y + size.h() / 2;
    }

    double left() {
      return x - size.w() / 2;
    }

    double right() {
      return x + size.w() / 2;
    }

    /** The y where a side connection meets the node: the middle of its diamond or box. */
    double sideY() {
      return size.diamondHeight() > 0 ? top() + size.diamondHeight() / 2 : y;
    }

    double topAt(double dx) {
      double d = size.diamondHeight();
      return d > 0 ? top() + d / 2 * Math.min(1, Math.abs(dx) / (size.w() / 2)) : top();
    }

    double bottomAt(double dx) {
      double d = size.diamondHeight();
      if (d > 0 && d >= size.h() - 0.5) {
        return top() + d / 2 + d / 2 * (1 - Math.min(1, Math.abs(dx) / (size.w() / 2)));
      }
      return bottom();
    }
  }

  /**
   * How an edge is drawn. Forward edges: points from the source's bottom to the target's top, to
   * join with vertical-tangent curves. Back edges: source side, lane corner, lane corner, target
   * side, to join with rounded corners; {@code rightSide} tells which side the lane runs on.
   */
  record Route(
      Graph.Edge edge,
      List<Point> points,
      boolean back,
      boolean rightSide,
      Optional<Point> labelCenter) {}

  final List<LNode> nodes = new ArrayList<>();
  final List<List<LNode>> layers = new ArrayList<>();
  final List<Route> routes = new ArrayList<>();
  final LNode[] byGraphNode;
  double minX;
  double maxX;
  double maxY;
  private double[] rowTop;
  private double[] rowBottom;

  private final Graph graph;
  private final List<Size> sizes;
  private final List<Size> labelSizes;
  private final boolean[] back;
  private final List<List<LNode>> chains = new ArrayList<>();
  private final List<Integer> chainEdge = new ArrayList<>();

  private Layout(Graph graph, List<Size> sizes, List<Size> labelSizes) {
    this.graph = graph;
    this.sizes = sizes;
    this.labelSizes = labelSizes;
    this.back = new boolean[graph.edges.size()];
    this.byGraphNode = new LNode[graph.nodes.size()];
  }

  /**
   * Lays out a graph given each node's size and each edge's label size (by index in {@link
   * Graph#nodes} and {@link Graph#edges}).
   */
  static Layout of(Graph graph, List<Size> sizes, List<Size> labelSizes) {
    Layout l = new Layout(graph, sizes, labelSizes);
    l.findBackEdges();
    l.assignLayers();
    l.order();
    l.placeY();
    l.placeX();
    l.route();
    return l;
  }

  // ---- cycle breaking ----------------------------------------------------------------------

  private void findBackEdges() {
    int n = graph.nodes.size();
    int[] state = new int[n]; // 0 new, 1 on stack, 2 done
    List<Integer> roots = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      roots.add(i);
    }
    for (int root : roots) {
      if (state[root] != 0) {
        continue;
      }
      // iterative DFS: frames of (node, next edge index)
      Deque<int[]> stack = new ArrayDeque<>();
      stack.push(new int[] {root, 0});
      state[root] = 1;
      while (!stack.isEmpty()) {
        int[] frame = stack.peek();
        int u = frame[0];
        int e = nextOut(u, frame[1]);
        if (e < 0) {
          state[u] = 2;
          stack.pop();
          continue;
        }
        frame[1] = e + 1;
        int v = graph.edges.get(e).to();
        if (state[v] == 1) {
          back[e] = true;
        } else if (state[v] == 0) {
          state[v] = 1;
          stack.push(new int[] {v, 0});
        }
      }
    }
  }

  private int nextOut(int node, int fromEdge) {
    for (int e = fromEdge; e < graph.edges.size(); e++) {
      if (graph.edges.get(e).from() == node) {
        return e;
      }
    }
    return -1;
  }

  // ---- layering ----------------------------------------------------------------------------

  private void assignLayers() {
    int n = graph.nodes.size();
    int[] layer = new int[n];
    int[] indegree = new int[n];
    for (int e = 0; e < back.length; e++) {
      if (!back[e]) {
        indegree[graph.edges.get(e).to()]++;
      }
    }
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      if (indegree[i] == 0) {
        ready.add(i);
        layer[i] = i == graph.start() ? 0 : 1;
      }
    }
    while (!ready.isEmpty()) {
      int u = ready.poll();
      for (int e = 0; e < back.length; e++) {
        Graph.Edge edge = graph.edges.get(e);
        if (back[e] || edge.from() != u) {
          continue;
        }
        int span = edge.labelled() ? 2 : 1;
        layer[edge.to()] = Math.max(layer[edge.to()], layer[u] + span);
        if (--indegree[edge.to()] == 0) {
          ready.add(edge.to());
        }
      }
    }
    int deepest = 0;
    for (int i = 0; i < n; i++) {
      deepest = Math.max(deepest, layer[i]);
    }
    // The end terminal sits alone at the bottom.
    layer[graph.end()] = Math.max(layer[graph.end()], deepest);
    if (graph.end() != graph.start()) {
      for (int i = 0; i < n; i++) {
        if (i != graph.end() && layer[i] == layer[graph.end()]) {
          layer[graph.end()]++;
          break;
        }
      }
    }
    int layerCount = 0;
    for (int i = 0; i < n; i++) {
      layerCount = Math.max(layerCount, layer[i] + 1);
    }
    for (int i = 0; i < layerCount; i++) {
      layers.add(new ArrayList<>());
    }
    // Nodes enter their layers in depth-first order from the start, which is a good first order.
    boolean[] seen = new boolean[n];
    List<Integer> preorder = new ArrayList<>();
    Deque<Integer> stack = new ArrayDeque<>();
    for (int root = 0; root < n; root++) {
      if (seen[root]) {
        continue;
      }
      stack.push(root);
      while (!stack.isEmpty()) {
        int u = stack.pop();
        if (seen[u]) {
          continue;
        }
        seen[u] = true;
        preorder.add(u);
        for (int e = graph.edges.size() - 1; e >= 0; e--) {
          Graph.Edge edge = graph.edges.get(e);
          if (!back[e] && edge.from() == u && !seen[edge.to()]) {
            stack.push(edge.to());
          }
        }
      }
    }
    for (int u : preorder) {
      LNode node = new LNode(u, sizes.get(u), layer[u], Optional.empty());
      byGraphNode[u] = node;
    }
    for (int u : preorder) {
      add(byGraphNode[u]);
      for (int e = 0; e < graph.edges.size(); e++) {
        Graph.Edge edge = graph.edges.get(e);
        if (edge.from() != u) {
          continue;
        }
        List<LNode> chain = new ArrayList<>();
        chain.add(byGraphNode[u]);
        if (!back[e]) {
          LNode target = byGraphNode[edge.to()];
          for (int k = layer[u] + 1; k < target.layer; k++) {
            boolean carriesLabel = k == layer[u] + 1 && edge.labelled();
            Size size = carriesLabel ? labelSizes.get(e) : Size.box(0, 0);
            LNode dummy =
                new LNode(-1, size, k, carriesLabel ? Optional.of(edge.label()) : Optional.empty());
            add(dummy);
            chain.add(dummy);
          }
          chain.add(target);
          for (int k = 0; k + 1 < chain.size(); k++) {
            chain.get(k).downs.add(chain.get(k + 1));
            chain.get(k + 1).ups.add(chain.get(k));
          }
        } else {
          chain.add(byGraphNode[edge.to()]);
        }
        chains.add(chain);
        chainEdge.add(e);
      }
    }
  }

  private void add(LNode node) {
    if (!nodes.contains(node)) {
      nodes.add(node);
      List<LNode> row = layers.get(node.layer);
      node.order = row.size();
      row.add(node);
    }
  }

  // ---- ordering ----------------------------------------------------------------------------

  private void order() {
    List<List<LNode>> best = snapshot();
    int bestCrossings = crossings();
    for (int sweep = 0; sweep < 6 && bestCrossings > 0; sweep++) {
      for (int l = 1; l < layers.size(); l++) {
        sortByBarycenter(layers.get(l), true);
      }
      for (int l = layers.size() - 2; l >= 0; l--) {
        sortByBarycenter(layers.get(l), false);
      }
      int c = crossings();
      if (c < bestCrossings) {
        bestCrossings = c;
        best = snapshot();
      }
    }
    for (int l = 0; l < layers.size(); l++) {
      layers.set(l, best.get(l));
      renumber(layers.get(l));
    }
  }

  private List<List<LNode>> snapshot() {
    return layers.stream().map(row -> (List<LNode>) new ArrayList<>(row)).toList();
  }

  private static void sortByBarycenter(List<LNode> row, boolean fromAbove) {
    double[] key = new double[row.size()];
    for (LNode n : row) {
      List<LNode> neighbours = fromAbove ? n.ups : n.downs;
      key[n.order] =
          neighbours.isEmpty()
              ? n.order
              : neighbours.stream().mapToDouble(m -> m.order).average().orElse(n.order);
    }
    row.sort(Comparator.<LNode>comparingDouble(n -> key[n.order]).thenComparingInt(n -> n.order));
    renumber(row);
  }

  private static void renumber(List<LNode> row) {
    for (int i = 0; i < row.size(); i++) {
      row.get(i).order = i;
    }
  }

  private int crossings() {
    int total = 0;
    for (int l = 0; l + 1 < layers.size(); l++) {
      List<int[]> segments = new ArrayList<>();
      for (LNode u : layers.get(l)) {
        for (LNode v : u.downs) {
          segments.add(new int[] {u.order, v.order});
        }
      }
      for (int i = 0; i < segments.size(); i++) {
        for (int j = i + 1; j < segments.size(); j++) {
          int[] a = segments.get(i);
          int[] b = segments.get(j);
          if ((a[0] - b[0]) * (a[1] - b[1]) < 0) {
            total++;
          }
        }
      }
    }
    return total;
  }

  // ---- coordinates -------------------------------------------------------------------------

  private void placeY() {
    double top = 0;
    rowTop = new double[layers.size()];
    rowBottom = new double[layers.size()];
    for (int l = 0; l < layers.size(); l++) {
      List<LNode> row = layers.get(l);
      double height = row.stream().mapToDouble(n -> n.size.h()).max().orElse(0);
      for (LNode n : row) {
        n.y = top + height / 2;
      }
      rowTop[l] = top;
      rowBottom[l] = top + height;
      top += height + ROW_GAP;
    }
    maxY = top - ROW_GAP;
  }

  private void placeX() {
    for (List<LNode> row : layers) {
      double x = 0;
      for (int i = 0; i < row.size(); i++) {
        LNode n = row.get(i);
        x += i == 0 ? n.size.w() / 2 : gap(row.get(i - 1), n);
        n.x = x;
      }
    }
    for (int it = 0; it < 12; it++) {
      for (int l = 1; l < layers.size(); l++) {
        align(layers.get(l), true, false);
      }
      for (int l = layers.size() - 2; l >= 0; l--) {
        align(layers.get(l), false, true);
      }
    }
    for (int l = 1; l < layers.size(); l++) {
      align(layers.get(l), true, true);
    }
    minX = Double.MAX_VALUE;
    maxX = -Double.MAX_VALUE;
    for (LNode n : nodes) {
      minX = Math.min(minX, n.left());
      maxX = Math.max(maxX, n.right());
    }
  }

  private static double gap(LNode a, LNode b) {
    double space =
        (a.dummy() && a.label.isEmpty()) || (b.dummy() && b.label.isEmpty()) ? DUMMY_GAP : NODE_GAP;
    return a.size.w() / 2 + space + b.size.w() / 2;
  }

  /** Pulls a layer's nodes towards the mean x of their neighbours, keeping order and spacing. */
  private static void align(List<LNode> row, boolean useUps, boolean useDowns) {
    int k = row.size();
    double[] desired = new double[k];
    double[] weight = new double[k];
    for (int i = 0; i < k; i++) {
      LNode n = row.get(i);
      List<LNode> neighbours = new ArrayList<>();
      if (useUps) {
        neighbours.addAll(n.ups);
      }
      if (useDowns) {
        neighbours.addAll(n.downs);
      }
      desired[i] =
          neighbours.isEmpty()
              ? n.x
              : neighbours.stream().mapToDouble(m -> m.x).average().orElse(n.x);
      weight[i] = neighbours.isEmpty() ? 0.2 : n.dummy() ? 2 : 1;
    }
    double[] offset = new double[k];
    for (int i = 1; i < k; i++) {
      offset[i] = offset[i - 1] + gap(row.get(i - 1), row.get(i));
    }
    // Pool adjacent violators: find non-decreasing z closest to desired - offset.
    double[] value = new double[k];
    double[] w = new double[k];
    int[] count = new int[k];
    int blocks = 0;
    for (int i = 0; i < k; i++) {
      value[blocks] = desired[i] - offset[i];
      w[blocks] = weight[i];
      count[blocks] = 1;
      blocks++;
      while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
        double total = w[blocks - 2] + w[blocks - 1];
        value[blocks - 2] =
            (value[blocks - 2] * w[blocks - 2] + value[blocks - 1] * w[blocks - 1]) / total;
        w[blocks - 2] = total;
        count[blocks - 2] += count[blocks - 1];
        blocks--;
      }
    }
    int i = 0;
    for (int b = 0; b < blocks; b++) {
      for (int c = 0; c < count[b]; c++, i++) {
        row.get(i).x = value[b] + offset[i];
      }
    }
  }

  // ---- routing -----------------------------------------------------------------------------

  private void route() {
    // Ports: spread the edges leaving a node's bottom and entering its top, ordered by direction.
    java.util.Map<LNode, List<LNode[]>> outs = new java.util.IdentityHashMap<>();
    java.util.Map<LNode, List<LNode[]>> ins = new java.util.IdentityHashMap<>();
    List<Integer> backIndexes = new ArrayList<>();
    for (int c = 0; c < chains.size(); c++) {
      if (back[chainEdge.get(c)]) {
        backIndexes.add(c);
        continue;
      }
      List<LNode> chain = chains.get(c);
      outs.computeIfAbsent(chain.get(0), k -> new ArrayList<>())
          .add(new LNode[] {chain.get(1), chain.get(0)});
      ins.computeIfAbsent(chain.get(chain.size() - 1), k -> new ArrayList<>())
          .add(new LNode[] {chain.get(chain.size() - 2), chain.get(chain.size() - 1)});
    }
    Route[] built = new Route[chains.size()];
    for (int c = 0; c < chains.size(); c++) {
      if (back[chainEdge.get(c)]) {
        continue;
      }
      List<LNode> chain = chains.get(c);
      LNode source = chain.get(0);
      LNode target = chain.get(chain.size() - 1);
      double outDx = portOffset(source, outs.get(source), chain.get(1));
      double inDx = portOffset(target, ins.get(target), chain.get(chain.size() - 2));
      List<Point> points = new ArrayList<>();
      points.add(new Point(source.x + outDx, source.bottomAt(outDx)));
      Optional<Point> labelAt = Optional.empty();
      for (int k = 1; k + 1 < chain.size(); k++) {
        LNode d = chain.get(k);
        // A dummy runs straight through its whole row, so curves bend only between rows.
        points.add(new Point(d.x, rowTop[d.layer]));
        if (rowBottom[d.layer] > rowTop[d.layer]) {
          points.add(new Point(d.x, rowBottom[d.layer]));
        }
        if (d.label.isPresent()) {
          labelAt = Optional.of(new Point(d.x, d.y));
        }
      }
      points.add(new Point(target.x + inDx, target.topAt(inDx)));
      built[c] = new Route(graph.edges.get(chainEdge.get(c)), points, false, true, labelAt);
    }
    routeBackEdges(backIndexes, built);
    for (Route r : built) {
      routes.add(r);
    }
  }

  private static double portOffset(LNode node, List<LNode[]> ends, LNode other) {
    List<LNode> others = new ArrayList<>(ends.stream().map(p -> p[0]).toList());
    others.sort(Comparator.comparingDouble(m -> m.x));
    int k = others.size();
    if (k <= 1) {
      return 0;
    }
    double spacing = Math.min(18, node.size.w() * 0.6 / (k - 1));
    return (others.indexOf(other) - (k - 1) / 2.0) * spacing;
  }

  private record BackLane(
      int chain,
      Graph.Edge edge,
      LNode source,
      LNode target,
      boolean right,
      double lane,
      double labelW) {}

  /** A point on a node's left or right side, {@code dy} from its middle, on a diamond's outline. */
  private static Point sidePoint(LNode n, boolean right, double dy) {
    double d = n.size.diamondHeight();
    double inset = d > 0 ? Math.abs(dy) * (n.size.w() / 2) / (d / 2) : 0;
    return new Point(right ? n.right() - inset : n.left() + inset, n.sideY() + dy);
  }

  private void routeBackEdges(List<Integer> backChains, Route[] built) {
    List<BackLane> pending = new ArrayList<>();
    backChains.sort(
        Comparator.comparingInt(
            c -> chains.get(c).get(0).layer - chains.get(c).get(chains.get(c).size() - 1).layer));
    List<double[]> rightLanes = new ArrayList<>(); // {fromLayer, toLayer, outerX}
    List<double[]> leftLanes = new ArrayList<>();
    for (int c : backChains) {
      List<LNode> chain = chains.get(c);
      Graph.Edge edge = graph.edges.get(chainEdge.get(c));
      LNode source = chain.get(0);
      LNode target = chain.get(chain.size() - 1);
      int lo = target.layer;
      int hi = source.layer;
      int rightCrowd =
          (layers.get(hi).size() - 1 - source.order) + (layers.get(lo).size() - 1 - target.order);
      int leftCrowd = source.order + target.order;
      boolean right = rightCrowd <= leftCrowd;
      double labelW = edge.labelled() ? labelSizes.get(chainEdge.get(c)).w() : 0;
      double lane;
      if (right) {
        double extent = -Double.MAX_VALUE;
        for (int l = lo; l <= hi; l++) {
          for (LNode n : layers.get(l)) {
            extent = Math.max(extent, n.right());
          }
        }
        for (double[] other : rightLanes) {
          if (other[0] <= hi && other[1] >= lo) {
            extent = Math.max(extent, other[2]);
          }
        }
        lane = extent + LANE_GAP + 8;
        rightLanes.add(new double[] {lo, hi, lane + (labelW > 0 ? 6 + labelW : 0)});
      } else {
        double extent = Double.MAX_VALUE;
        for (int l = lo; l <= hi; l++) {
          for (LNode n : layers.get(l)) {
            extent = Math.min(extent, n.left());
          }
        }
        for (double[] other : leftLanes) {
          if (other[0] <= hi && other[1] >= lo) {
            extent = Math.min(extent, other[2]);
          }
        }
        lane = extent - LANE_GAP - 8;
        leftLanes.add(new double[] {lo, hi, lane - (labelW > 0 ? 6 + labelW : 0)});
      }
      pending.add(new BackLane(c, edge, source, target, right, lane, labelW));
      minX = Math.min(minX, Math.min(lane, lane - (right ? 0 : 6 + labelW)));
      maxX = Math.max(maxX, Math.max(lane, lane + (right ? 6 + labelW : 0)));
    }
    // Where lanes meet a node's side: incoming above outgoing, spread so arrows never overlap.
    java.util.Map<String, List<Object[]>> sides = new java.util.LinkedHashMap<>();
    for (BackLane b : pending) {
      sides
          .computeIfAbsent(b.target.graphNode + ":" + b.right, k -> new ArrayList<>())
          .add(new Object[] {b, true});
    }
    for (BackLane b : pending) {
      sides
          .computeIfAbsent(b.source.graphNode + ":" + b.right, k -> new ArrayList<>())
          .add(new Object[] {b, false});
    }
    java.util.Map<BackLane, Point> starts = new java.util.IdentityHashMap<>();
    java.util.Map<BackLane, Point> ends = new java.util.IdentityHashMap<>();
    for (List<Object[]> attached : sides.values()) {
      for (int i = 0; i < attached.size(); i++) {
        BackLane b = (BackLane) attached.get(i)[0];
        boolean incoming = (Boolean) attached.get(i)[1];
        LNode n = incoming ? b.target : b.source;
        double spacing =
            attached.size() == 1 ? 0 : Math.min(12, n.size.h() * 0.6 / (attached.size() - 1));
        double dy = (i - (attached.size() - 1) / 2.0) * spacing;
        (incoming ? ends : starts).put(b, sidePoint(n, b.right, dy));
      }
    }
    for (BackLane b : pending) {
      Point s = starts.get(b);
      Point t = ends.get(b);
      List<Point> points = List.of(s, new Point(b.lane, s.y()), new Point(b.lane, t.y()), t);
      Optional<Point> labelAt =
          b.edge.labelled()
              ? Optional.of(
                  new Point(b.lane + (b.right ? 1 : -1) * (6 + b.labelW / 2), (s.y() + t.y()) / 2))
              : Optional.empty();
      built[b.chain] = new Route(b.edge, points, true, b.right, labelAt);
    }
  }
}
