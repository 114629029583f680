-- Identifiers and search keys compare byte by byte: with the "C" collation, PostgreSQL can answer a prefix search
-- (LIKE 'abc%') from the same b-tree indexes that serve equality, whatever the database's own collation.
alter table profile_identifier alter column identifier_key type varchar(341) collate "C";
alter table profile_person alter column first_name_key type varchar(200) collate "C";
alter table profile_person alter column last_name_key type varchar(200) collate "C";
