// Non-max suppression with tfjs-backend-cpu's algorithm and float64 arithmetic, step for step: candidates above
// scoreThreshold sorted best first (score descending, then index ascending); the best is compared with the
// boxes selected since it was last looked at (newest first); it is dropped if an overlap reaches
// iouThreshold, kept if its score is untouched, or (soft-NMS) put back in order with its lowered score.
// Boxes are [y1, x1, y2, x2] in either corner order.
import { ranksBelow, sortPairsBestFirst } from '../reduce/ranked_heap';

// @ts-ignore: decorator
@inline function coordinate(boxes: usize, box: i32, c: i32): f64 {
  return <f64>load<f32>(boxes + (<usize>(4 * box + c) << 2));
}

function intersectionOverUnion(boxes: usize, i: i32, j: i32): f64 {
  const yMinI = Math.min(coordinate(boxes, i, 0), coordinate(boxes, i, 2));
  const xMinI = Math.min(coordinate(boxes, i, 1), coordinate(boxes, i, 3));
  const yMaxI = Math.max(coordinate(boxes, i, 0), coordinate(boxes, i, 2));
  const xMaxI = Math.max(coordinate(boxes, i, 1), coordinate(boxes, i, 3));
  const yMinJ = Math.min(coordinate(boxes, j, 0), coordinate(boxes, j, 2));
  const xMinJ = Math.min(coordinate(boxes, j, 1), coordinate(boxes, j, 3));
  const yMaxJ = Math.max(coordinate(boxes, j, 0), coordinate(boxes, j, 2));
  const xMaxJ = Math.max(coordinate(boxes, j, 1), coordinate(boxes, j, 3));
  const areaI = (yMaxI - yMinI) * (xMaxI - xMinI);
  const areaJ = (yMaxJ - yMinJ) * (xMaxJ - xMinJ);
  if (areaI <= 0 || areaJ <= 0) return 0.0;
  const intersection = Math.max(Math.min(yMaxI, yMaxJ) - Math.max(yMinI, yMinJ), 0.0) *
    Math.max(Math.min(xMaxI, xMaxJ) - Math.max(xMinI, xMinJ), 0.0);
  return intersection / (areaI + areaJ - intersection);
}

/** The Gaussian soft-NMS penalty in [0, 1]; 0 past the threshold. With scale 0 it is 1 below the threshold. */
// @ts-ignore: decorator
@inline function suppressWeight(iouThreshold: f64, scale: f64, iou: f64): f64 {
  const weight = Math.exp(scale * iou * iou);
  return iou <= iouThreshold ? weight : 0.0;
}

/** Scratch bytes for n boxes: each candidate's score (f64), box index and first selection to compare with. */
export function vision_non_max_suppression_f32_scratch_bytes(n: i32): i32 {
  return 16 * n;
}

/**
 * Writes the selected box indices and their (possibly lowered) scores, in selection order, at most
 * maxOutputSize of them; returns how many. scratch: vision_non_max_suppression_f32_scratch_bytes(n), 8-aligned.
 */
export function vision_non_max_suppression_f32(
  boxes: usize, scores: usize, n: i32, maxOutputSize: i32, iouThreshold: f64, scoreThreshold: f64,
  softNmsSigma: f64, selectedIndices: usize, selectedScores: usize, scratch: usize,
): i32 {
  const candidateScores = scratch;
  const candidateBoxes = scratch + (<usize>n << 3);
  const candidateBegins = candidateBoxes + (<usize>n << 2);
  let end = 0;
  for (let i = 0; i < n; i++) {
    const score = <f64>load<f32>(scores + (<usize>i << 2));
    if (score > scoreThreshold) {
      store<f64>(candidateScores + (<usize>end << 3), score);
      store<i32>(candidateBoxes + (<usize>end << 2), i);
      end++;
    }
  }
  sortPairsBestFirst<f64>(candidateScores, candidateBoxes, end);
  for (let c = 0; c < end; c++) store<i32>(candidateBegins + (<usize>c << 2), 0);

  const scale = softNmsSigma > 0 ? -0.5 / softNmsSigma : 0.0;
  let selected = 0;
  let head = 0;
  while (selected < maxOutputSize && head < end) {
    const originalScore = load<f64>(candidateScores + (<usize>head << 3));
    const box = load<i32>(candidateBoxes + (<usize>head << 2));
    const begin = load<i32>(candidateBegins + (<usize>head << 2));
    head++;
    if (originalScore < scoreThreshold) break;
    let score = originalScore;
    let ignore = false;
    for (let j = selected - 1; j >= begin; j--) {
      const iou = intersectionOverUnion(boxes, box, load<i32>(selectedIndices + (<usize>j << 2)));
      if (iou >= iouThreshold) {
        ignore = true;
        break;
      }
      score = score * suppressWeight(iouThreshold, scale, iou);
      if (score <= scoreThreshold) break;
    }
    if (ignore) continue;
    if (score == originalScore) {
      store<i32>(selectedIndices + (<usize>selected << 2), box);
      store<f32>(selectedScores + (<usize>selected << 2), <f32>score);
      selected++;
    } else if (score > scoreThreshold) {
      // Back in order among the rest: the slot just freed at head - 1 makes room.
      let at = head;
      while (at < end && ranksBelow<f64>(score, box, load<f64>(candidateScores + (<usize>at << 3)),
        load<i32>(candidateBoxes + (<usize>at << 2)))) {
        store<f64>(candidateScores + (<usize>(at - 1) << 3), load<f64>(candidateScores + (<usize>at << 3)));
        store<i32>(candidateBoxes + (<usize>(at - 1) << 2), load<i32>(candidateBoxes + (<usize>at << 2)));
        store<i32>(candidateBegins + (<usize>(at - 1) << 2), load<i32>(candidateBegins + (<usize>at << 2)));
        at++;
      }
      head--;
      store<f64>(candidateScores + (<usize>(at - 1) << 3), score);
      store<i32>(candidateBoxes + (<usize>(at - 1) << 2), box);
      store<i32>(candidateBegins + (<usize>(at - 1) << 2), selected);
    }
  }
  return selected;
}
