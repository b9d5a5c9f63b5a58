"""Activities views: activities and attendance (activities.py), the timetable and kinds
(schedule.py), courses (courses.py, participants.py), and a person's part (people.py)."""
