"""Data files shipped with litkit (stop lists, jieba user dictionary, thesauri)."""
