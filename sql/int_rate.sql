-- A rate with an empty denominator is undefined (NULL), never 0 and never 100 %.
create or replace macro int_rate(n_part, n_whole) as
    case when n_whole > 0 then n_part / n_whole end
