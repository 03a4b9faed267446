-- Small tables for the warehouse tests (Tests/ABCShellTests/Warehouse, EndToEndTests), loaded
-- by tools/with-postgres.sh. The expected figures are worked by hand in the tests.

-- Orders with several lines, a return, a zero amount, an id with blanks, sums past 4
-- decimals, rows without a customer, rows without an order id, times in other zones, and a
-- region kept per customer as its most frequent value.
CREATE TABLE sales_small (customer text, order_no text, sold_at timestamptz, amount numeric, cost numeric, region text);
INSERT INTO sales_small VALUES
    ('C1', 'O1', '2024-01-01 10:00+00', 10.00, 6.00, 'north'),
    ('C1', 'O1', '2024-01-01 10:05+00', 5.00, 3.00, 'south'),
    ('C1', 'O2', '2024-01-05 23:30-05', -20.00, -12.00, 'north'),
    ('C1', 'O3', '2024-01-03 00:00+00', 0.00, 0.00, 'south'),
    (' C2 ', 'O9', '2024-02-01 12:00+00', 100.00005, 50, 'West'),
    ('C2', 'O9', '2024-02-02 12:00+00', 0.00010, 0, 'west'),
    ('', 'O5', '2024-03-01 00:00+00', 7.00, 1, 'east'),
    (NULL, 'O6', '2024-03-02 00:00+00', 3.00, 1, 'east'),
    ('C3', NULL, '2024-03-03 00:00+00', 4.00, 1, NULL),
    ('C3', NULL, '2024-03-04 00:00+00', 6.00, 1, '');

-- Quantity × unit price, float prices, integer customer ids, no order column.
CREATE SCHEMA shop;
CREATE TABLE shop."Order Lines" (client_id integer, invoice_date date, qty integer, price double precision);
INSERT INTO shop."Order Lines" VALUES
    (7, '2024-05-01', 2, 1.25),
    (7, '2024-05-03', 1, 0.5),
    (12, '2024-05-02', 3, 2.0),
    (12, '2024-05-04', -1, 2.0);

-- An amount stored as text.
CREATE TABLE sales_text_amount (customer_id text, date date, amount text);
INSERT INTO sales_text_amount VALUES ('C1', '2024-01-01', '12.50');
