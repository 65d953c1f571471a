export { decodeCapturedPdu, MAX_TREE_NODES, type CapturedPdu, type DecodedPdu } from './frame-tree';
export { objectTree, type DecodedNode, type TreeBudget } from './object-tree';
