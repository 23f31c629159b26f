-- 0011: the companies list shows each company's next open follow-up; it is
-- read per row of a page as the earliest follow_up of the company's
-- activities not yet done. This index holds exactly those (company, date)
-- pairs, so that read is one step into it, however many activities the
-- company has. (The latest activity's day comes from activities_company,
-- on (company_id, date), since 0005.) Independent of other migrations.
CREATE INDEX activities_company_open_follow_up ON activities (company_id, follow_up)
    WHERE follow_up IS NOT NULL AND follow_up_done_at IS NULL;
