-- recommendation_recurrence from the registered frame recurrence_frame.
INSERT INTO recommendation_recurrence
SELECT recommendation_id, earlier_id, score, cycle_code, earlier_cycle_code FROM recurrence_frame
