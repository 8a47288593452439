"""Categories and the keyword rules that give transactions one.

Names are stored in one canonical form. The built-in categories are stored under
their short Chinese names (餐饮, 交通, 住房…); `CATEGORY_KEYS` maps each to a stable
key and `display_name(name, lang)` shows it in the reader's language (catalogue key
`budget.category_<key>`). A category a file or a person brings (衣服, "Coffee") is
stored as written and shown as written. A file category that is a built-in under
another name (Food, 餐饮美食, Transportation…) is stored as the built-in.

How a transaction gets its category, in order:

1. the file's own category (`source_category`) when the file has a real one
   (WeChat's 交易类型 and Alipay's 即时到账交易 say how money moved, not what for,
   so they are not categories);
2. otherwise the profile's keyword rules, matched against description,
   counterparty and the file's category text, case-insensitively. When several
   keywords match, the longest wins (more specific), then the newest rule.
   A keyword starting with a Latin letter or digit only matches at the start of a
   word: "rent" finds "Rent" and "rental", never "current".
3. by hand (`set_category`), which rules never undo.

Each transaction records which of these gave its category (`category_source`:
file, rule or user). Adding, changing or removing a rule re-sorts every
transaction a rule categorised or none did, so past records follow the rules;
the file's own categories and a person's choices are never touched.
"""
