"""The site: the MkDocs plugin (the only module that imports MkDocs), previews, and the steps run
on the written site (search labels, the offline copy, Pagefind)."""
