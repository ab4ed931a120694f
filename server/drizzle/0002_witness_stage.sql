-- The stage that computes the witness was called `infer`; jobs stopped after it resume under its
-- new name, `witness`.
UPDATE `jobs` SET `stage` = 'witness' WHERE `stage` = 'infer';
