"""casebook: raw United Front work documents in, tagged case pages and a catalog out.

The pipeline, one module per step:  read → clean → outline → split → tag → write.
`cli.py` strings them together; `data.py` loads the editable rules under cases/.
"""

__version__ = "0.1.0"
