//! Link (`L`) rules. Links are checked on every line of the file: titles,
//! abstracts, commentary and stray lines alike. The http-to-https repair of
//! an arXiv paper link belongs to L004, which rewrites the whole link; L002
//! leaves such links alone so that two fixes never compete for one URL.

use super::Rule;

mod l001_malformed_url;
mod l002_insecure_url;
mod l003_invalid_arxiv_id;
mod l004_noncanonical_arxiv_url;

pub static RULES: &[&dyn Rule] = &[
    &l001_malformed_url::MalformedUrl,
    &l002_insecure_url::InsecureUrl,
    &l003_invalid_arxiv_id::InvalidArxivId,
    &l004_noncanonical_arxiv_url::NoncanonicalArxivUrl,
];
