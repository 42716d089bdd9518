"""The fast pipeline's recogniser walks several documents at once while embedding each one alone.

spaCy's entity recogniser first embeds a batch's tokens (matrix products over all of them), then walks every
document's transitions together, one small matrix product per step for all the documents still walking: the
walk costs less per document in a batch. The fast pipeline's models multiply with numpy's BLAS (OpenBLAS),
whose result for a row can depend on the row's place in the matrix, so embedding a batch in one product would
make a document's entities depend on the documents beside it. ``embed_each_alone`` runs the recogniser's
embedding and its precomputed first layer document by document and stacks the results as the batched layers
would: every number is the one the document gets when read alone, and only the walk is shared (its products
go through blis, whose result for a row does not depend on the other rows).
"""
from __future__ import annotations

from thinc.api import Model


def embed_each_alone(model: Model) -> None:
    """Have a spaCy transition model (its ``tok2vec`` and ``lower`` layers) embed each document of a batch
    alone when predicting; training is left as it was."""
    tok2vec, lower = model.get_ref("tok2vec"), model.get_ref("lower")
    embed, precompute = tok2vec._func, lower._func
    lengths: list[int] = []  # the documents' token counts, from the embedding to the precomputation after it

    def embed_each(layer: Model, docs: list, is_train: bool):
        lengths.clear()
        if is_train or len(docs) < 2:
            return embed(layer, docs, is_train)
        vectors = [embed(layer, [doc], is_train)[0] for doc in docs]
        lengths.extend(len(v) for v in vectors)
        return layer.ops.xp.vstack(vectors), _inference_only

    def precompute_each(layer: Model, vectors, is_train: bool):
        if is_train or not lengths or sum(lengths) != len(vectors):
            return precompute(layer, vectors, is_train)
        parts, start = [], 0
        for length in lengths:
            features = precompute(layer, vectors[start:start + length], is_train)[0]
            parts.append(features if not parts else features[1:])  # row 0 is the padding, once
            start += length
        lengths.clear()
        return layer.ops.xp.concatenate(parts), _inference_only

    tok2vec._func, lower._func = embed_each, precompute_each


def _inference_only(gradient):
    raise NotImplementedError("the batched embedding reads documents; it is not trained")
