-- The audit log is append-only: the database itself refuses updates and deletes.
create function platform_audit_event_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'platform_audit_event is append-only (% refused)', tg_op;
end;
$$;

create trigger platform_audit_event_append_only
    before update or delete on platform_audit_event
    for each row execute function platform_audit_event_refuse_change();

create trigger platform_audit_event_no_truncate
    before truncate on platform_audit_event
    for each statement execute function platform_audit_event_refuse_change();
